/**
 * The ServiceModel the bundle specs render: an `orders` service of org `acme` with one aggregate, `order`,
 * built by the real buildServiceModel. The runtime's standard error codes are taken from the runtime's source
 * (the same table `loadStandardErrorCodes()` returns once the runtime is built), so the specs do not depend on
 * a build of @shipshape/runtime.
 */
import { standardErrorCodes } from '../../packages/runtime/src/errors/standard-codes.js';
import { buildServiceModel, type ServiceModel, type Tier } from '../src/index.js';

export function ordersModel(tier: Tier = 't1', resources: string[] = []): ServiceModel {
  return buildServiceModel({
    name: 'orders',
    org: 'acme',
    tier,
    owner: '@acme/orders-team',
    resource: 'order',
    resources,
    directory: 'services/orders',
    standardErrorCodes,
  });
}
