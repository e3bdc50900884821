import { Text } from '@mantine/core';
import type { Principal } from '@app/shared';

/** The storefront's header is its reseller's: the buyer shops at the reseller, not at the platform. */
export function StorefrontBrand({ principal }: { principal: Principal }) {
  return (
    <Text fw={800} c="indigo.8" truncate maw={{ base: 160, xs: 260, sm: 360 }} data-testid="storefront-brand">
      {principal.resellerName}
    </Text>
  );
}
