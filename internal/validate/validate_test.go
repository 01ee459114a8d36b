package validate

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestParseISODuration(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		"minutes":       {in: "PT5M", want: 5 * time.Minute},
		"hour":          {in: "PT1H", want: time.Hour},
		"all parts":     {in: "PT1H2M3S", want: time.Hour + 2*time.Minute + 3*time.Second},
		"fractional":    {in: "PT1.5S", want: 1500 * time.Millisecond},
		"nanoseconds":   {in: "PT1.000000007S", want: time.Second + 7*time.Nanosecond},
		"overflow":      {in: "PT5124096H", wantErr: true},
		"empty":         {in: "", wantErr: true},
		"bare PT":       {in: "PT", wantErr: true},
		"days":          {in: "P1D", wantErr: true},
		"lowercase":     {in: "pt5m", wantErr: true},
		"wrong order":   {in: "PT5M1H", wantErr: true},
		"plain seconds": {in: "300", wantErr: true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseISODuration(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("ParseISODuration(%q) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			}
			if !tc.wantErr && got != tc.want {
				t.Fatalf("ParseISODuration(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzParseISODuration(f *testing.F) {
	for _, s := range []string{"PT5M", "PT1H2M3S", "PT1.5S", "P1D", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseISODuration(s)
		if err != nil {
			return
		}
		// What parses must survive a round trip through its canonical form.
		back, err := ParseISODuration(FormatISODuration(d))
		if err != nil || back != d {
			t.Fatalf("%q parsed to %v, which formats as %q and parses back to %v (%v)", s, d, FormatISODuration(d), back, err)
		}
	})
}

func TestValidators(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		v       validator.String
		in      string
		wantErr bool
	}{
		"https":             {v: WebURL(), in: "https://login.example.com/authorize"},
		"loopback http":     {v: WebURL(), in: "http://127.0.0.1:8080/token"},
		"localhost http":    {v: WebURL(), in: "http://localhost/token"},
		"remote http":       {v: WebURL(), in: "http://login.example.com", wantErr: true},
		"no scheme":         {v: WebURL(), in: "login.example.com", wantErr: true},
		"duration in range": {v: ISODurationBetween(60, 3600), in: "PT30M"},
		"duration too long": {v: ISODurationBetween(60, 3600), in: "PT2H", wantErr: true},
		"duration short":    {v: ISODurationBetween(60, 3600), in: "PT30S", wantErr: true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("attr"), ConfigValue: types.StringValue(tc.in)}
			resp := &validator.StringResponse{}
			tc.v.ValidateString(context.Background(), req, resp)
			if resp.Diagnostics.HasError() != tc.wantErr {
				t.Fatalf("%q: errors = %v, wantErr %v", tc.in, resp.Diagnostics, tc.wantErr)
			}
		})
	}
}
