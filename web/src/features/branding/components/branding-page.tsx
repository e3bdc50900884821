import { Alert, Button, ColorInput, FileButton, Group, Image, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { accentColorSchema, BRAND_LOGO_MAX_BYTES, BRAND_LOGO_TYPES, BRAND_MIN_CONTRAST, contrastRatio, type Branding, type BrandLogoType } from '@app/shared';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { ApiRequestError } from '@/lib/api-client';
import { usePageTitle } from '@/lib/use-page-title';
import { logoUrl, useBranding, useRemoveLogo, useUpdateBranding, useUploadLogo } from '../api/branding';

/** Reseller · Storefront branding: the accent colour and logo its customers' storefront header wears. (A staff screen: English.) */
export function BrandingPage() {
  usePageTitle('Storefront branding');
  const branding = useBranding();
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1}>Storefront branding</Title>
        <Text c="dimmed">Your customers’ storefront carries your name; give it your accent colour and logo.</Text>
      </div>
      {branding.isPending && <Loader role="status" aria-label="Loading the branding" />}
      {branding.isError && <LoadErrorAlert title="The branding could not be loaded" message={branding.error.message} onRetry={() => void branding.refetch()} />}
      {branding.data && (
        <>
          <Preview branding={branding.data} />
          <AccentForm key={`${branding.data.revision}`} branding={branding.data} />
          <LogoForm branding={branding.data} />
        </>
      )}
    </Stack>
  );
}

function Preview({ branding }: { branding: Branding }) {
  const logo = logoUrl(branding);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="How the storefront header looks">
      <Text size="xs" c="dimmed" mb={6}>
        Storefront header
      </Text>
      <Group gap="xs" wrap="nowrap">
        {logo && <Image src={logo} alt="Your logo" h={32} w="auto" maw={120} fit="contain" />}
        <Text fw={800} c={branding.accentColor ?? 'indigo.8'} truncate>
          {branding.resellerName}
        </Text>
      </Group>
    </Paper>
  );
}

function AccentForm({ branding }: { branding: Branding }) {
  const save = useUpdateBranding();
  const [value, setValue] = useState(branding.accentColor ?? '');
  const parsed = accentColorSchema.safeParse(value);
  const error = value === '' ? null : parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Enter a colour as #RRGGBB');
  const ratio = /^#[0-9a-fA-F]{6}$/.test(value) ? contrastRatio(value, '#ffffff') : null;
  const submit = (accentColor: string | null) =>
    save.mutate(
      { accentColor, revision: branding.revision },
      {
        onSuccess: () => notifications.show({ color: 'green', message: accentColor ? 'The accent colour was saved.' : 'The accent colour was removed.' }),
        onError: (err) => notifications.show({ color: 'red', title: 'Nothing was changed', message: err instanceof ApiRequestError ? (err.fields.accentColor ?? err.message) : err.message }),
      },
    );
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="accent-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!error && value) submit(value.toLowerCase());
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="accent-title">
            Accent colour
          </Title>
          <ColorInput
            label="Colour"
            description={`Your name is shown in it on white: it must be dark enough to read (contrast at least ${BRAND_MIN_CONTRAST}:1)${ratio ? `; this one is ${ratio.toFixed(1)}:1` : ''}.`}
            placeholder="#1f4e79"
            format="hex"
            withEyeDropper={false}
            value={value}
            onChange={setValue}
            error={error}
            maw={320}
          />
          <Group>
            <Button type="submit" loading={save.isPending && save.variables?.accentColor !== null} disabled={!value || Boolean(error) || value.toLowerCase() === branding.accentColor}>
              Save colour
            </Button>
            {branding.accentColor && (
              <Button variant="default" onClick={() => submit(null)} loading={save.isPending && save.variables?.accentColor === null}>
                Use the default colour
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });

function LogoForm({ branding }: { branding: Branding }) {
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (file: File | null) => {
    setProblem(null);
    if (!file) return;
    if (!(BRAND_LOGO_TYPES as readonly string[]).includes(file.type)) return setProblem('Choose a PNG, JPEG or WebP image (SVG is not accepted: it can carry scripts).');
    if (file.size > BRAND_LOGO_MAX_BYTES) return setProblem(`This image is ${Math.ceil(file.size / 1024)} KB; a logo may be at most ${BRAND_LOGO_MAX_BYTES / 1024} KB.`);
    upload.mutate(
      { contentType: file.type as BrandLogoType, data: await readBase64(file), revision: branding.revision },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'The logo was saved.' }),
        onError: (err) => setProblem(err instanceof ApiRequestError ? (Object.values(err.fields)[0] ?? err.message) : err.message),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="logo-title">
      <Stack>
        <div>
          <Title order={2} size="h3" id="logo-title">
            Logo
          </Title>
          <Text size="sm" c="dimmed">
            A PNG, JPEG or WebP image of at most {BRAND_LOGO_MAX_BYTES / 1024} KB, shown 32 pixels high beside your name.
          </Text>
        </div>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Group>
          <FileButton onChange={(f) => void choose(f)} accept={BRAND_LOGO_TYPES.join(',')}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} aria-hidden />} loading={upload.isPending}>
                {branding.logo ? 'Replace the logo' : 'Upload a logo'}
              </Button>
            )}
          </FileButton>
          {branding.logo && (
            <Button
              variant="default"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate({ revision: branding.revision }, { onSuccess: () => notifications.show({ color: 'green', message: 'The logo was removed.' }), onError: (err) => setProblem(err.message) })}
            >
              Remove the logo
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
