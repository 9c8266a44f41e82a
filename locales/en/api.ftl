# The JSON API's refusals: a title and a message per status, and the
# messages of the cart's write endpoints.

api_403_title = Request refused
api_403 = Changes to the cart must come from this site: a request with another site's Origin, or with Sec-Fetch-Site: cross-site, is refused.
api_404_title = Not found
api_404 = There is nothing at this address. The API is described at /api/openapi.json.
api_405_title = Method not allowed
# $allowed: the methods the address accepts, e.g. "GET, HEAD".
api_405 = This address accepts only { $allowed }.
api_413_title = Body too large
api_413 = The request body is too large. Send only the fields the endpoint takes.
api_415_title = Unsupported media type
api_415 = Send the body as JSON, with the header Content-Type: application/json.
api_422_title = Request not understood
api_422 = The body must be a JSON object, such as {"{"}"product_id": 1, "quantity": 2{"}"}.
# $id: the product id that was sent.
api_unknown_product = There is no product with the id { $id }. GET /api/products lists them.
api_product_id = product_id must be a product's id: a whole number from GET /api/products.
# $id: the order id that was sent.
api_unknown_order = The signed-in account has no order { $id }: an order can be read by its own account, by the id in its /orders/ address, while it is kept.
api_orders_sign_in = Sign in to read your orders.
# $field: the name of a field the endpoint does not take; $fields: those it takes.
api_unknown_field = This endpoint does not take the field { $field }. It takes: { $fields }.
# $id: the product's id.
api_line_not_in_cart = Product { $id } has no line in the cart. Add it with POST /api/cart/lines first.
