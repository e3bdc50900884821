export { ApprovalsPage } from './components/approvals-page';
export { InProgressPage } from './components/in-progress-page';
export { OrderPage } from './components/order-page';
export { OrdersView } from './components/orders-view';
export { OrdersPage } from './components/orders-page';
