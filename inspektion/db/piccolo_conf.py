"""Piccolo's configuration module (PICCOLO_CONF=inspektion.db.piccolo_conf).

The database comes from INSPEKTION_DATABASE_URL, read once when the module is imported.
"""

from piccolo.conf.apps import AppRegistry

from inspektion.config import load_settings
from inspektion.db.engine import make_engine

DB = make_engine(load_settings().database_url)

APP_REGISTRY = AppRegistry(apps=["inspektion.db.piccolo_app"])
