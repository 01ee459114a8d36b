import {
  to = appauth_apig_app_authorization.orders_release
  id = "a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10/DEFAULT_ENVIRONMENT_RELEASE_ID/aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa"
}
