package main

import (
	"context"
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
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
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address: address,
		Debug:   debug,
	})
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
