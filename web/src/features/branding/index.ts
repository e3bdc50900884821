export { BrandHeader } from './components/brand-header';
export { BrandingPage } from './components/branding-page';
