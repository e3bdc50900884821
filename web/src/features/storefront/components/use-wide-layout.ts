import { em } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** Wide enough for tables (Mantine's `md`); below it products and lines show as cards, dialogs full screen. */
export const useWideLayout = () => useMediaQuery(`(min-width: ${em(992)})`, true, { getInitialValueInEffect: false });
