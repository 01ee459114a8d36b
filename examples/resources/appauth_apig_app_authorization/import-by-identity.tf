import {
  to = appauth_apig_app_authorization.orders_release
  identity = {
    project_id  = "0123456789abcdef0123456789abcdef"
    instance_id = "a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10"
    env_id      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
    app_id      = "aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa"
  }
}
