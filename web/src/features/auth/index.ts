export { useMe, meQueryOptions, type MeState } from './api/get-me';
export { authKeys } from './api/keys';
export { useLogout } from './api/logout';
export { homePathFor } from './home-path';
export { markSessionEnded } from './api/session-ended';
