import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Principal, SessionState } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { authKeys } from './keys';
import { markSessionEnded, sessionWasEnded } from './session-ended';

export interface MeState {
  principal: Principal | null;
  /** True when a session existed but the server ended it (logout elsewhere, deactivation, expiry). */
  ended: boolean;
}

/** Asks who is signed in: always 200 (never a 401 in the console of a signed-out page). */
export async function getMe(): Promise<MeState> {
  const state = await apiRequest<SessionState>('/api/auth/session');
  if (state.ended) markSessionEnded();
  return { principal: state.principal, ended: !state.principal && sessionWasEnded() };
}

export const meQueryOptions = () => queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
