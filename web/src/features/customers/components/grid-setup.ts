import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  themeQuartz,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

// Only the AG Grid modules the customer grid uses (this file is part of the lazily loaded chunk).
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  CellStyleModule,
  ColumnApiModule,
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

export const gridTheme = themeQuartz.withParams({
  accentColor: '#3b5bdb',
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontWeight: 600,
  headerBackgroundColor: '#f1f3f5',
  borderColor: '#dee2e6',
  rowHeight: 44,
  headerHeight: 44,
  wrapperBorderRadius: 8,
});
