import {
  to = appauth_appfabric_app_bundle.main
  identity = {
    arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
  }
}
