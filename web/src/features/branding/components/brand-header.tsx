import { Group, Image, Text } from '@mantine/core';
import { logoUrl, useBranding } from '../api/branding';

/**
 * The storefront header's brand: the reseller the buyer shops at, in its accent colour, with its
 * logo. Until the branding arrives (or if it cannot), the reseller's name in the app's colour.
 */
export function BrandHeader({ resellerName }: { resellerName: string | null }) {
  const branding = useBranding().data;
  const logo = branding ? logoUrl(branding) : null;
  return (
    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }} data-testid="storefront-brand">
      {logo && <Image src={logo} alt="" h={32} w="auto" maw={120} fit="contain" />}
      <Text fw={800} c={branding?.accentColor ?? 'indigo.8'} truncate maw={{ base: 150, xs: 260, sm: 360 }}>
        {branding?.resellerName ?? resellerName}
      </Text>
    </Group>
  );
}
