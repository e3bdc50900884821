export { ViewingAsBanner } from './components/viewing-as-banner';
export { ViewAsButton, type ViewAsCandidate } from './components/view-as-button';
