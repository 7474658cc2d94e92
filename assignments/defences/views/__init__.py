"""The feature's pages, thin: parse the request, call the service, render. URL rules: blueprint.py."""
