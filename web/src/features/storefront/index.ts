export { CataloguePage } from './components/catalogue-page';
export { CartButton } from './components/cart-button';
export { CartProvider } from './cart/cart-context';
export { OrderForCustomerDialog } from './components/order-for-customer-dialog';
export { OrderAgainButton } from './components/order-again-button';
