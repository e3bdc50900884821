import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { useEffect, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useBlocker } from 'react-router';
import type { z } from 'zod';
import { ApiRequestError } from '@/lib/api-client';
import { useFocusFirstError, zodValidate } from '@/lib/zod-form';

interface Revisioned {
  revision: number;
  abilities: { edit: boolean };
}

export interface EditInPlaceOptions<R extends Revisioned, F extends Record<string, unknown>> {
  /** The record as last read. */
  record: R;
  /** Its editable fields. */
  pick: (record: R) => F;
  schema: z.ZodType<F>;
  /** Saves the fields on the revision they were read at; answers the saved record (409 `stale` when someone saved first). */
  update: UseMutationResult<R, Error, F & { revision: number }>;
  /** Where the record is cached: Reload reads it afresh from there. */
  queryKey: QueryKey;
  /** The notification after a save. */
  saved: (record: R) => string;
  /** What the leave-without-saving question names ("the information of Acme"). */
  describe: string;
}

export interface EditInPlace<F> {
  form: UseFormReturnType<F>;
  /** On the <form>: focus moves to the first invalid field after a failed save. */
  formRef: RefObject<HTMLFormElement | null>;
  submit: (event?: FormEvent<HTMLFormElement>) => void;
  /** The save was refused: someone else saved first. */
  stale: boolean;
  /** A refusal that names no field (fields' own errors show at the fields). */
  otherError: ApiRequestError | null;
  reload: () => Promise<void>;
  saving: boolean;
  canEdit: boolean;
}

/**
 * A record's fields edited in place: the form, its save on the revision read, and what a stale
 * copy (someone saved first) or a failed save shows. Unsaved edits are guarded (useLeaveGuard).
 */
export function useEditInPlace<R extends Revisioned, F extends Record<string, unknown>>(o: EditInPlaceOptions<R, F>): EditInPlace<F> {
  const queryClient = useQueryClient();
  const form = useForm<F>({ initialValues: o.pick(o.record), validate: zodValidate(o.schema) });
  const { update } = o;
  const stale = update.error instanceof ApiRequestError && update.error.code === 'stale';
  const otherError = update.error instanceof ApiRequestError && !stale && Object.keys(update.error.fields).length === 0 ? update.error : null;
  const show = (record: R) => {
    form.setInitialValues(o.pick(record));
    form.setValues(o.pick(record));
  };

  const formRef = useFocusFirstError(form.errors);
  const submit = form.onSubmit((values) =>
    update.mutate(
      { ...values, revision: o.record.revision },
      {
        onSuccess: (saved) => {
          show(saved);
          notifications.show({ color: 'green', message: o.saved(saved) });
        },
        onError: (err) => {
          if (err instanceof ApiRequestError) form.setErrors(err.fields);
        },
      },
    ),
  );

  const reload = async () => {
    update.reset();
    show((await queryClient.fetchQuery({ queryKey: o.queryKey, staleTime: 0 })) as R);
  };

  useLeaveGuard(o.record.abilities.edit && form.isDirty() && !update.isPending, o.describe);
  return { form, formRef, submit, stale, otherError, reload, saving: update.isPending, canEdit: o.record.abilities.edit };
}

/** The section around the fields: title, the stale and error notices, Discard changes and Update (for those who may edit). */
export function EditInPlaceSection<F>({
  edit, id, title, staleTitle, children,
}: {
  edit: EditInPlace<F>;
  /** The section's id; its title's is `${id}-title`. */
  id: string;
  title: string;
  /** "Someone else changed this customer". */
  staleTitle: string;
  /** The fields. */
  children: ReactNode;
}) {
  const { form, formRef, submit, stale, otherError, canEdit, reload, saving } = edit;
  return (
    <Paper withBorder p="lg" radius="md" id={id} component="section" aria-labelledby={`${id}-title`}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id={`${id}-title`}>
            {title}
          </Title>
          {stale && (
            <Alert color="yellow" role="alert" title={staleTitle}>
              <Group justify="space-between">
                <Text size="sm">Your edit was not saved. Reload to see the latest version, then make your change again.</Text>
                <Button size="xs" onClick={reload}>
                  Reload
                </Button>
              </Group>
            </Alert>
          )}
          {otherError && (
            <Alert color="red" role="alert">
              {otherError.message}
            </Alert>
          )}
          {children}
          {canEdit && (
            <Group justify="flex-end">
              <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
                Discard changes
              </Button>
              <Button type="submit" loading={saving} disabled={!form.isDirty() || stale}>
                Update
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * Unsaved edits are not dropped without a word: leaving for another page asks first (the router's
 * blocker), and closing or reloading the tab gets the browser's own warning.
 */
function useLeaveGuard(dirty: boolean, what: string) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    let leaving = false;
    modals.openConfirmModal({
      title: 'Leave without saving?',
      children: <Text size="sm">Your changes to {what} are not saved yet.</Text>,
      labels: { confirm: 'Leave without saving', cancel: 'Stay' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        leaving = true;
        blocker.proceed();
      },
      onClose: () => {
        if (!leaving) blocker.reset();
      },
    });
    // Once per blocked navigation (the blocker object changes on every render meanwhile).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocker.state]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
