/**
 * AWS credentials as dlt specs them (`AwsCredentialsWithoutDefaults` / `AwsCredentials`), shared by athena
 * and by filesystem on `s3://`. Without an access key dlt falls back to the machine's AWS credential chain
 * (`on_partial`) at connect time; the key pair is still what the spec asks for (not Optional in dlt).
 */
import { z } from 'zod';
import type { CredentialsVariant } from '@dlthub/config-core';

export const awsCredentialsSchema = z.object({
  aws_access_key_id: z.string(),
  aws_secret_access_key: z.string(),
  aws_session_token: z.string().optional(),
  profile_name: z.string().optional(),
  region_name: z.string().optional(),
  endpoint_url: z.string().optional(),
});

export const AWS_SECRET_FIELDS = ['aws_secret_access_key', 'aws_session_token'] as const;

export const awsCredentialsVariant: CredentialsVariant = {
  name: 'aws',
  description: "AWS access key; without one, the machine's AWS credential chain (profile, env, instance role) is used",
  schema: awsCredentialsSchema,
  secretFields: AWS_SECRET_FIELDS,
};
