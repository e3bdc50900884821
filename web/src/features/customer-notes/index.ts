export { CustomerTimeline } from './components/customer-timeline';
