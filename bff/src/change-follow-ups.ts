import { onChangeOf } from './audit/audit-outbox.js';
import { refreshStorefrontAccessOfUser } from './customers/customer-access.js';
import { User } from './users/user.model.js';

/*
 * What every change of a model's documents must be followed by, registered once for the whole
 * app (the live write path and start-up recovery run the same functions). Each is idempotent.
 */
onChangeOf(User, refreshStorefrontAccessOfUser);
