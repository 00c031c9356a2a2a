name = 'django_hmac_authentication'
version = '3.1.0'
default_app_config = 'django_hmac_authentication.apps.DjangoHMACAuthenticationConfig'
