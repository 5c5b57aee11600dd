"""The ASGI entry point for uvicorn and other servers: `inspektion.asgi:app`."""

from inspektion.api.app import create_app

app = create_app()
