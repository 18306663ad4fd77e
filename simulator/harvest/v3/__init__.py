"""Harvest v3 beside v1, over the same world.

- `oauth`: the token endpoint (`POST /token`, Greenhouse's auth.greenhouse.io) and
  the v1 key exchange (`POST /auth/token`); access tokens are JWTs on the
  simulator's clock.
- `api`: what every v3 operation does around its handler: the Bearer token, its
  scope, the rate limit, and v3's error shape.
- `cursor`: paging by an opaque cursor that holds every filter and `per_page`.
- `resources`: which v1 resources v3 serves, with their filters; one entry each.
- `applications`: the v3 writes (move, reject).

Shapes are v1's: no v3 record shape is documented where we could read it.
"""
