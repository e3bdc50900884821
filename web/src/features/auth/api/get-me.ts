import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Principal, SessionState } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { authKeys } from './keys';
import { markSessionEnded, sessionEndedWhy, sessionWasEnded } from './session-ended';

export interface MeState {
  principal: Principal | null;
  /** True when a session existed but the server ended it (logout elsewhere, deactivation, expiry). */
  ended: boolean;
  /** Why, when the account itself may no longer sign in (deactivated, its reseller suspended). */
  why: string | null;
}

/** Asks who is signed in: always 200 (never a 401 in the console of a signed-out page). */
export async function getMe(): Promise<MeState> {
  const state = await apiRequest<SessionState>('/api/auth/session');
  if (state.ended) markSessionEnded(state.why);
  const ended = !state.principal && sessionWasEnded();
  return { principal: state.principal, ended, why: ended ? sessionEndedWhy() : null };
}

export const meQueryOptions = () => queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
