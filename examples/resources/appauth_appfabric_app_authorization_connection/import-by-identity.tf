import {
  to = appauth_appfabric_app_authorization_connection.zoom
  identity = {
    app_authorization_arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
  }
}
