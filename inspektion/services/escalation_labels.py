"""How a decision can be served (delgivningssätt), named once for the service and letters."""

SERVICE_METHODS = {
    "vanlig": "Vanlig delgivning med delgivningskvitto",
    "forenklad": "Förenklad delgivning",
    "sarskild": "Särskild delgivning med juridisk person",
    "stamningsman": "Stämningsmannadelgivning",
    "personlig": "Personlig överlämning mot kvitto",
}
