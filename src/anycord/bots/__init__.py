"""The bots: GatewayBot, RESTBot, AsgiBot, RESTApp, and the lifecycle they share."""
