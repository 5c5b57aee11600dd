"""What the API and the pages share of HTTP: the input rules enforced at the edge, the
status of each refusal, the session cookie and CSRF. It imports neither api/ nor web/."""
