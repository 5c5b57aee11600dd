"""Coverage maps (Folium/Leaflet) drawn from the campaign read model; no network needed."""
