export const LIST = '/paths/~1api~1v1~1orders/get';
export const CREATE = '/paths/~1api~1v1~1orders/post';
export const ITEM = '/paths/~1api~1v1~1orders~1{orderId}';
export const IN = '/components/schemas/OrderCreate';
export const OUT = '/components/schemas/Order';
export const HEADERS = `${LIST}/responses/200/headers`;
export const HOOK = '/webhooks/orderShipped/post/requestBody/content/application~1json/schema';
