import type { Role } from '@app/shared';
import { paths } from '@/lib/paths';

/** Each persona works in the area named after its role. */
export const homePathFor = (role: Role): string => paths.area(role);
