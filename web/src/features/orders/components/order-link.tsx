import { Anchor, Menu, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '@/lib/i18n';
import { Link } from 'react-router';
import { useReturnState } from '@/lib/return-to';

/** What a link to an order page needs: where it is, and what the page it is on is called (its back link's words). */
export interface OrderLinkTarget {
  to: string;
  /** The page this link is on, as the order page's back link names it ("Approvals", a customer's name). */
  returnLabel: string;
}

/** A link to an order page whose back link returns to this page, with its filters, scroll aside. */
export function OrderLink({ to, returnLabel, children, ...anchor }: OrderLinkTarget & AnchorProps & { children: ReactNode }) {
  const state = useReturnState(returnLabel);
  return (
    <Anchor component={Link} to={to} state={state} {...anchor}>
      {children}
    </Anchor>
  );
}

/** The same, as an item of a row's action menu. */
export function OpenOrderMenuItem({ to, returnLabel }: OrderLinkTarget) {
  const { t } = useTranslation('orders');
  const state = useReturnState(returnLabel);
  return (
    <Menu.Item component={Link} to={to} state={state}>
      {t('grid.open')}
    </Menu.Item>
  );
}
