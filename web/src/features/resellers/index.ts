export { useResellerOptions } from './api/get-reseller-options';
