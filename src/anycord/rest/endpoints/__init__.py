"""Endpoint mixins of `RESTClient`, one module per resource family.

Each module declares its `Route`s at the top and one mixin class deriving from
`anycord.rest.endpoints._base.EndpointBase`, whose methods build a route, a query and a body
and call `self._request(...)`.
"""
