terraform {
  required_providers {
    appauth = {
      source = "appauth/appauth"
    }
  }
}

# Every block is optional, and each family also works from its environment
# variables alone (AWS_*, AUTHRESS_KEY, OS_*) with an empty provider block.
provider "appauth" {
  aws {
    region = "us-east-1"
    # Credentials come from the standard AWS chain unless set here.

    # Every block takes these; they bound retries and pace requests to the
    # API (the defaults are in the documentation of each setting).
    max_retries             = 8
    retry_wait_max          = "20s"
    max_requests_per_second = 5
  }

  authress {
    api_url    = "https://login.example.com"
    access_key = var.authress_access_key
  }

  apig {
    endpoint     = "https://apig.eu-de.otc.t-systems.com"
    auth_url     = "https://iam.eu-de.otc.t-systems.com/v3"
    domain_name  = "my-domain"
    user_name    = "terraform"
    password     = var.apig_password
    project_name = "eu-de_project"
  }
}

variable "authress_access_key" {
  type      = string
  sensitive = true
}

variable "apig_password" {
  type      = string
  sensitive = true
}
