import { customerFieldsSchema, type CustomerDetail, type CustomerFields as Fields } from '@app/shared';
import { EditInPlaceSection, useEditInPlace } from '@/components/edit-in-place';
import { codeOfCountryName } from '@/lib/countries';
import { customerKeys } from '../api/keys';
import { useUpdateCustomer } from '../api/mutations';
import { CustomerFields } from './customer-fields';

const address = (a: CustomerDetail['billingAddress']) => a && { address: a.address, city: a.city, state: a.state, postcode: a.postcode, countryCode: a.countryCode };

const pick = (c: CustomerDetail): Fields => ({
  companyName: c.companyName, tradingName: c.tradingName, email: c.email, phone: c.phone, taxId: c.taxId, address: c.address,
  city: c.city, country: c.country, countryCode: c.countryCode ?? codeOfCountryName(c.country) ?? undefined, state: c.state, postcode: c.postcode,
  billingAddress: address(c.billingAddress), deliveryAddress: address(c.deliveryAddress),
});

/** The information section: edited in place, saved with Update; a stale copy offers to reload. */
export function CustomerInformation({ customer }: { customer: CustomerDetail }) {
  const edit = useEditInPlace({
    record: customer, pick, schema: customerFieldsSchema, update: useUpdateCustomer(customer.id), queryKey: customerKeys.detail(customer.id),
    saved: () => 'The customer information was updated.', describe: `the information of ${customer.companyName}`,
  });
  return (
    <EditInPlaceSection edit={edit} id="information" title="Information" staleTitle="Someone else changed this customer">
      <CustomerFields form={edit.form} readOnly={!edit.canEdit} />
    </EditInPlaceSection>
  );
}
