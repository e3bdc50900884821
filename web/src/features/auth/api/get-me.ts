import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Principal } from '@app/shared';
import { apiRequest, ApiRequestError } from '@/lib/api-client';
import { authKeys } from './keys';

export interface MeState {
  principal: Principal | null;
  /** True when a session existed but the server ended it (logout elsewhere, deactivation, expiry). */
  ended: boolean;
}

export async function getMe(): Promise<MeState> {
  try {
    return { principal: await apiRequest<Principal>('/api/auth/me', { quietUnauthorized: true }), ended: false };
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) return { principal: null, ended: err.code === 'session_ended' };
    throw err;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
