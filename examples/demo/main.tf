# The demo configuration `make demo` applies against the emulator. The provider
# block is empty: every family is configured from the environment variables the
# emulator prints (appauth-emulator -print-env).
terraform {
  required_version = ">= 1.11"
  required_providers {
    appauth = {
      source = "appauth/appauth"
    }
  }
}

provider "appauth" {}
