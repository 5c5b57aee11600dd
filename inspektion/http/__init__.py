"""What the API and the pages share of HTTP: the input rules enforced at the edge."""
