import { describe, expect, it } from 'vitest';
import { orderEventTypes } from './webhook-events.js';

describe('the events of an order’s move', () => {
  it('names each move by what happened: placed (waiting or done at once), accepted, canceled, executed', () => {
    expect(orderEventTypes(null, 'pending_approval')).toEqual(['order.placed', 'order.waiting']);
    expect(orderEventTypes(null, 'in_progress')).toEqual(['order.placed']);
    expect(orderEventTypes(null, 'executed')).toEqual(['order.placed', 'order.executed']);
    expect(orderEventTypes('pending_approval', 'in_progress')).toEqual(['order.accepted']);
    expect(orderEventTypes('pending_approval', 'executed')).toEqual(['order.accepted', 'order.executed']);
    expect(orderEventTypes('pending_approval', 'canceled')).toEqual(['order.canceled']);
    expect(orderEventTypes('in_progress', 'canceled')).toEqual(['order.canceled']);
    expect(orderEventTypes('in_progress', 'executed')).toEqual(['order.executed']);
  });
});
