package awsclient

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// CheckSettings tells, with no network call, that the provider's AWS settings cannot work: the configuration does
// not load (a missing profile, say), no region is set, or the credential chain ends at the instance
// metadata service while AWS_EC2_METADATA_DISABLED turns it off. Every source the SDK resolves
// later, over the network or not (static keys, the environment, a profile with keys, SSO, web identity,
// a credential process or a role, a container endpoint, instance metadata), counts as usable: when
// in doubt it passes, and the first request tells. Settings unknown until apply pass too.
func CheckSettings(ctx context.Context, meta *conns.Meta) error {
	s := ProviderBlock.Settings(meta)
	if len(s.Unknown) > 0 {
		return nil
	}
	// Loading reads the environment and the shared files only; credentials are retrieved on first use.
	cfg, err := config.LoadDefaultConfig(ctx, loadOptions(s)...)
	if err != nil {
		return fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return errors.New("no AWS region: set region in the provider's aws block, or AWS_REGION")
	}
	if aws.IsCredentialsProvider(cfg.Credentials, &ec2rolecreds.Provider{}) && metadataDisabled() {
		return errors.New("no AWS credentials: none are set in " + CredentialHint +
			", and the instance metadata service, the last place the AWS SDK looks, is disabled by AWS_EC2_METADATA_DISABLED")
	}
	return nil
}

// loadOptions are the SDK load options for the aws block's settings.
func loadOptions(s Settings) []func(*config.LoadOptions) error {
	var opts []func(*config.LoadOptions) error
	if s.Region != "" {
		opts = append(opts, config.WithRegion(s.Region))
	}
	if s.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.Profile))
	}
	if len(s.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(s.SharedConfigFiles))
	}
	if len(s.SharedCredsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(s.SharedCredsFiles))
	}
	if s.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, s.Token)))
	}
	return opts
}

// metadataDisabled reads AWS_EC2_METADATA_DISABLED as the SDK does.
func metadataDisabled() bool {
	return strings.EqualFold(os.Getenv("AWS_EC2_METADATA_DISABLED"), "true")
}
