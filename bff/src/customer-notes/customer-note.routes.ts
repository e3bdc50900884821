import {
  addCustomerNoteSchema,
  customerDetailSchema,
  customerNoteParamsSchema,
  customerNoteSchema,
  customerTimelineQuerySchema,
  customerTimelineSchema,
  editCustomerNoteSchema,
  idParamsSchema,
  setWatchNoteSchema,
} from '@app/shared';
import { presentCustomerDetail } from '../customers/customer.presenter.js';
import { defineRoute } from '../http/route.js';
import { customerNotePolicy } from '../policies/customer-note.js';
import { presentNote } from './customer-note.presenter.js';
import { addNote, deleteNote, editNote } from './customer-note.service.js';
import { customerTimeline } from './customer-timeline.js';
import { setWatchNote } from './watch-note.service.js';

export const customerNoteRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/timeline',
    tag: 'customers',
    summary: 'The record’s notes, audit events and orders, newest first, merged (`before` for older ones)',
    access: 'session',
    roles: customerNotePolicy.roles('note.list'),
    params: idParamsSchema,
    query: customerTimelineQuerySchema,
    success: { status: 200, description: 'One page of the timeline', schema: customerTimelineSchema },
    handler: ({ actor, params, query }) => customerTimeline(actor, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers/:id/notes',
    tag: 'customers',
    summary: 'Add a note to the customer’s record (its author may change it for 15 minutes)',
    access: 'session',
    roles: customerNotePolicy.roles('note.add'),
    params: idParamsSchema,
    body: addCustomerNoteSchema,
    success: { status: 201, description: 'The note', schema: customerNoteSchema },
    async handler({ actor, params, body }) {
      return presentNote(await addNote(actor, params.id, body.text), actor.principal);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/notes/:noteId',
    tag: 'customers',
    summary: 'Change one’s own note within 15 minutes of writing it; `revision` must be the one the edit was made on',
    access: 'session',
    roles: customerNotePolicy.roles('note.edit'),
    params: customerNoteParamsSchema,
    body: editCustomerNoteSchema,
    success: { status: 200, description: 'The note', schema: customerNoteSchema },
    errors: [409],
    async handler({ actor, params, body }) {
      return presentNote(await editNote(actor, params.id, params.noteId, body.text, body.revision), actor.principal);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/customers/:id/notes/:noteId',
    tag: 'customers',
    summary: 'Delete one’s own note within 15 minutes of writing it',
    access: 'session',
    roles: customerNotePolicy.roles('note.delete'),
    params: customerNoteParamsSchema,
    success: { status: 204, description: 'Deleted' },
    errors: [409],
    async handler({ actor, params, res }) {
      await deleteNote(actor, params.id, params.noteId);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/customers/:id/watch-note',
    tag: 'customers',
    summary: 'Set the customer’s watch-list note (staff see it wherever the customer appears); empty text takes it off the list',
    access: 'session',
    roles: customerNotePolicy.roles('watchNote.set'),
    params: idParamsSchema,
    body: setWatchNoteSchema,
    success: { status: 200, description: 'The customer', schema: customerDetailSchema },
    errors: [409],
    async handler({ actor, params, body }) {
      const found = await setWatchNote(actor, params.id, body.text, body.revision);
      return presentCustomerDetail(found.customer, found.paymentMethod, found.currency, actor.principal, found.resellerSuspended);
    },
  }),
];
