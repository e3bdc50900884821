import { resellerFieldsSchema, type ResellerDetail, type ResellerFields as Fields } from '@app/shared';
import { EditInPlaceSection, useEditInPlace } from '@/components/edit-in-place';
import { resellerKeys } from '../api/keys';
import { useUpdateReseller } from '../api/mutations';
import { ResellerFields } from './reseller-fields';

const pick = (r: ResellerDetail): Fields => ({
  name: r.name, contactName: r.contactName, contactEmail: r.contactEmail, phone: r.phone, city: r.city, country: r.country, markupPercent: r.markupPercent,
});

/** Details: edited in place, saved with Update on the revision read; a stale copy offers to reload. */
export function ResellerDetailsForm({ reseller }: { reseller: ResellerDetail }) {
  const edit = useEditInPlace({
    record: reseller, pick, schema: resellerFieldsSchema, update: useUpdateReseller(reseller.id), queryKey: resellerKeys.detail(reseller.id),
    saved: (r) => `The details of ${r.name} were updated.`, describe: `the details of ${reseller.name}`,
  });
  return (
    <EditInPlaceSection edit={edit} id="details" title="Details" staleTitle="Someone else changed this reseller">
      <ResellerFields form={edit.form} />
    </EditInPlaceSection>
  );
}
