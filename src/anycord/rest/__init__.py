"""The REST client: routes, rate limits, transport and every endpoint of Discord's HTTP API."""
