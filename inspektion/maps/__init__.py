"""Coverage maps (Folium/Leaflet) drawn from a frozen view a service built (maps/model.py,
services/map_views.py); they read nothing themselves and need no network."""
