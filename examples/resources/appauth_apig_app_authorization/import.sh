# Import by <instance_id>/<env_id>/<app_id>. The imported resource owns every API the app is
# authorized for in that environment at import time.
terraform import appauth_apig_app_authorization.orders_dev a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10/e1d2c3b4a5964f7e8d9c0b1a2f3e4d5c/aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa

# Or take over only the listed APIs (comma-separated) of the app in that environment.
terraform import appauth_apig_app_authorization.orders_release a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10/DEFAULT_ENVIRONMENT_RELEASE_ID/aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa/11111111111141118111111111111111
