import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Branding, RemoveLogo, UpdateBranding, UploadLogo } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

const BRANDING_PATH = '/api/branding';
export const brandingKeys = { mine: () => [QUERY_ROOTS.branding, 'mine'] as const };

/** The logo image; `v` changes with every upload, so a new logo is never an old one from the cache. */
export const logoUrl = (b: Branding) => (b.logo ? `${BRANDING_PATH}/logo?v=${encodeURIComponent(b.logo.updatedAt)}` : null);

export function useBranding(enabled = true) {
  return useQuery({ queryKey: brandingKeys.mine(), queryFn: ({ signal }) => apiRequest<Branding>(BRANDING_PATH, { signal }), enabled, staleTime: 5 * 60_000 });
}

function useBrandingMutation<I>(request: (input: I) => Promise<Branding>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: (b) => queryClient.setQueryData(brandingKeys.mine(), b) });
}

export const useUpdateBranding = () => useBrandingMutation((body: UpdateBranding) => apiRequest<Branding>(BRANDING_PATH, { method: 'PUT', body }));
export const useUploadLogo = () => useBrandingMutation((body: UploadLogo) => apiRequest<Branding>(`${BRANDING_PATH}/logo`, { method: 'PUT', body }));
export const useRemoveLogo = () => useBrandingMutation((body: RemoveLogo) => apiRequest<Branding>(`${BRANDING_PATH}/logo`, { method: 'DELETE', body }));
