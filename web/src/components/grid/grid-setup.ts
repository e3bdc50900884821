import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RowApiModule,
  RowSelectionModule,
  ScrollApiModule,
  themeQuartz,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

// Only the AG Grid modules our grids use (imported by lazily loaded grid chunks only).
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  CellStyleModule,
  ColumnApiModule,
  TooltipModule,
  // Where the rows were scrolled to, and back there on return (column pinning is in the core).
  ScrollApiModule,
  RowApiModule,
  // Checkboxes for bulk actions on customers.
  RowSelectionModule,
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
