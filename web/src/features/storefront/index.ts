export { CataloguePage } from './components/catalogue-page';
export { CartButton } from './components/cart-button';
export { CartProvider } from './cart/cart-context';
