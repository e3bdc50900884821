export { DevMailPage } from './components/dev-mail-page';
