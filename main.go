package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

// version is set by goreleaser through ldflags.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	silenceUnrequestedLogs(os.Environ(), os.Setenv)

	stopProfiling := startProfiling()
	newProvider, address := served(version)
	serve, err := provider.ServerOf(newProvider)()
	if err != nil {
		log.Fatal(err.Error())
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err = tf6server.Serve(address, func() tfprotov6.ProviderServer { return serve }, opts...)
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// silenceUnrequestedLogs turns the plugin SDK's loggers off when the user asked for no logs at all.
// Without any TF_LOG* variable they default to TRACE and format every RPC's log lines, which Terraform
// then reads and discards: measured at about a quarter of the provider's CPU time.
func silenceUnrequestedLogs(environ []string, setenv func(key, value string) error) {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "TF_LOG") && !strings.HasPrefix(kv, "TF_LOG_PATH") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = setenv(name, "OFF")
	}
}
