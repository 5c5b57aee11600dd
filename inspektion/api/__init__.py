"""The JSON API: thin Litestar controllers that parse, authorise, call a service and shape."""
